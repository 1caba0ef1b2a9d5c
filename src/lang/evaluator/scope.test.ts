import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Scope } from './scope.js';

function classScope(declaring: Scope, module: string | undefined, inherited?: Scope): Scope {
  const s = new Scope('class', declaring, undefined, inherited, 'x');
  if (module !== undefined) s.set('module_name', module);
  return s;
}

test('caller_module_name is the module of the code that declared the class or define', () => {
  const top = new Scope('top', undefined, undefined);
  const apt = classScope(top, 'apt');
  const update = classScope(apt, 'apt');
  assert.deepEqual(update.lookup('caller_module_name'), { found: true, value: 'apt' });
  // declared from a lambda inside another module's class
  const collectd = classScope(top, 'collectd');
  const lambda = new Scope('lambda', collectd, undefined);
  const pin = new Scope('define', lambda, undefined, undefined, 'apt::pin');
  pin.set('module_name', 'apt');
  assert.equal(pin.callerModuleName, 'collectd');
  // visible from lambdas inside the class
  assert.deepEqual(new Scope('lambda', update, undefined).lookup('caller_module_name'), { found: true, value: 'apt' });
});

test('caller_module_name is unset for classes declared outside modules (site.pp, node definitions)', () => {
  const top = new Scope('top', undefined, undefined);
  const fromSite = classScope(top, 'apt');
  assert.deepEqual(fromSite.lookup('caller_module_name'), { found: false, value: undefined });
  const siteClass = classScope(top, '');
  assert.equal(classScope(siteClass, 'apt').callerModuleName, undefined);
});

test('a class with inherits takes the caller module from its parent class', () => {
  const top = new Scope('top', undefined, undefined);
  const params = classScope(top, 'ntp');
  const site = classScope(top, '');
  assert.equal(classScope(site, 'ntp', params).callerModuleName, 'ntp');
});

test('an assigned caller_module_name wins over the derived one', () => {
  const top = new Scope('top', undefined, undefined);
  const s = classScope(classScope(top, 'a'), 'b');
  s.set('caller_module_name', 'z');
  assert.equal(s.lookup('caller_module_name').value, 'z');
});
