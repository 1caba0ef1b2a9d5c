// The Ruby shim of Puppet's extension APIs that module Ruby code is written
// against: Puppet::Functions (4.x functions and their dispatch declarations),
// Puppet::Parser::Functions (3.x newfunction), Puppet::Type.newtype (custom
// types, read for their attributes only), and the small parts of
// Puppet::Pops::Types, Puppet::Util and Puppet's logging that functions use.
// Loaded once per VM, on the first function call or type load (not at boot,
// which templates alone pay for).
//
// Division of labour: Ruby only loads files and runs methods. Which dispatch
// accepts the arguments, the type checks and their messages are done in
// TypeScript with the compiler's type system (functions.ts, dispatch.ts);
// Ruby reports each file's declarations as JSON and is then told which method
// to invoke. Everything Ruby needs from the compiler (variables, other
// functions, a lambda, type checks) goes through Bunraku.callback.
//
// Anything the shim lacks surfaces as a NameError or NoMethodError on a
// Puppet constant; Bunraku::Fn.failure turns that into "needs Puppet::X".

import { PUPPET_SHIM } from './shim-puppet.js';
import { POPS_SHIM } from './shim-pops.js';
import { PARSER_SHIM } from './shim-parser.js';
import { TYPES_SHIM } from './shim-types.js';
import { ENVIRONMENT_SHIM } from './shim-environment.js';

// The registry of loaded files and the entry points JS calls (Bunraku::Fn),
// the dispatch and local-types recorders, and the 3.x autoloader.
const REGISTRY_SHIM = String.raw`
module Bunraku
  module Functions3x; end

  # A resource reference handed to a 3.x function: a Puppet::Resource, as Puppet converts it.
  class ResourceHandle < Puppet::Resource
    include HandleMethods

    def initialize(id, display, kind)
      @bunraku_ref = id
      @bunraku_display = display
      @bunraku_kind = kind
      type, title = begin
        Puppet::Resource.type_and_title(display, nil)
      rescue ArgumentError
        [display, '']
      end
      Puppet::Resource.instance_method(:initialize).bind_call(self, type, title)
    end
  end

  class StubType
    def self.const_missing(name)
      const_set(name, Class.new(Puppet::Property))
    end

    def self.method_missing(_name, *_args, &_block)
      nil
    end

    def self.respond_to_missing?(_name, _private = false)
      true
    end
  end

  class DispatchBuilder
    def initialize(method, mismatch)
      @method = method
      @mismatch = mismatch
      @params = []
      @block = nil
      @return_type = nil
      @injections = []
    end

    def param(type, name)
      add(type, name, 'required')
    end
    alias required_param param

    def optional_param(type, name)
      add(type, name, 'optional')
    end

    def repeated_param(type, name)
      add(type, name, 'repeated')
    end
    alias optional_repeated_param repeated_param

    def required_repeated_param(type, name)
      add(type, name, 'required_repeated')
    end

    def block_param(*type_and_name)
      type, name = type_and_name.size == 2 ? type_and_name : ['Callable', type_and_name[0] || :block]
      raise ArgumentError, 'Attempt to redefine block' if @block
      @block = { 'name' => name.to_s, 'type' => type.to_s, 'optional' => false }
    end
    alias required_block_param block_param

    def optional_block_param(*type_and_name)
      block_param(*type_and_name)
      @block['optional'] = true
    end

    def return_type(type)
      @return_type = type.to_s
    end

    def scope_param
      @injections << @params.size
    end

    %w[cache_param compiler_param script_compiler_param pal_compiler_param].each do |m|
      define_method(m) { raise NameError.new("uninitialized constant Puppet::Pops::Functions::#{m}", m.to_sym) }
    end

    def to_h
      {
        'method' => @method, 'mismatch' => @mismatch, 'params' => @params, 'block' => @block,
        'returnType' => @return_type, 'scopeAt' => @injections,
      }
    end

    private

    def add(type, name, kind)
      raise ArgumentError, 'Parameters cannot be added after a block parameter' if @block
      raise ArgumentError, "Parameter name argument must be a Symbol. Got #{name.class}" unless name.is_a?(Symbol) || name.is_a?(String)
      @params << { 'name' => name.to_s, 'type' => type.to_s, 'kind' => kind }
    end
  end

  class LocalTypesBuilder
    attr_reader :texts

    def initialize
      @texts = []
    end

    def type(assignment)
      unless assignment =~ /\A\s*[A-Z]\w*(?:::[A-Z]\w*)*\s*=/
        raise ArgumentError, "Expected a type alias assignment on the form 'AliasType = T', got '#{assignment}'"
      end
      @texts << assignment
    end
  end


  module Autoloader
    def self.load(name, _env = nil)
      Puppet::Parser::Functions.function(name) ? true : false
    end

    def self.loaded?(name)
      !Puppet::Parser::Functions.get_function_info(name).nil?
    end

    def self.delegatee
      self
    end
  end

  # The registry of loaded function files and the entry points JS calls.
  module Fn
    @files = {}
    @current = []
    @blocks = {}

    class << self
      attr_accessor :pending

      def current_name
        @current.last || 'function'
      end

      def defined_4x(the_class)
        (pending[:functions] ||= []) << the_class if pending
      end

      def defined_3x(name, info)
        (pending[:functions3x] ||= []) << [name, info] if pending
      end

      def defined_type(definition)
        (pending[:types] ||= []) << definition if pending
      end

      def known_type(_name)
        nil
      end

      def require_lib(name)
        name = name.sub(/\.rb\z/, '')
        @required ||= {}
        return false if @required[name]
        found = begin
          Bunraku.callback('require', name)
        rescue Puppet::ParseError
          nil
        end
        if found
          @required[name] = true
          @required[found[0].sub(/\.rb\z/, '')] = true
          __bunraku_fresh_binding.eval(found[1], found[0], 1)
          return true
        end
        return true if name =~ %r{\A(?:puppet|facter|hiera|semantic_puppet)(?:/|\z)}
        begin
          yield
        rescue LoadError
          # A library this Ruby lacks (socket, ...): code that uses it fails later, naming it.
          false
        end
      end

      # Evaluates a file's source; answers 'V' + JSON of what it declared, or 'E' + failure JSON.
      def load(path, version, source, name, api)
        assert_legacy(source, path) if api == '3x'
        self.pending = {}
        TOPLEVEL_BINDING.receiver.send(:__bunraku_fresh_binding).eval(source, path, 1)
        found = pending
        self.pending = nil
        entry =
          case api
          when '4x' then describe_4x(found, name, path)
          when '3x' then describe_3x(found, name, path)
          else describe_type(found, name, path)
          end
        @files[path] = entry.merge(version: version)
        'V' + JSON.generate(entry[:json])
      rescue Exception => e
        self.pending = nil
        'E' + failure(e, name)
      end

      def loaded?(path, version)
        entry = @files[path]
        entry && entry[:version] == version ? 'Y' : 'N'
      end

      # Runs a 4.x function's method; args already chosen and checked by JS.
      def invoke_4x(path, method, args, scope_at, block_arity)
        entry = @files[path]
        return 'N' unless entry
        @current.push(entry[:name])
        instance = entry[:class].new(nil, nil)
        scope_at.each { |i| args.insert(i, instance.closure_scope) }
        block = block_arity ? proc { |*a| Bunraku.callback('yield', a) } : nil
        result = instance.send(method, *args, &block)
        'V' + Bunraku.encode(result)
      rescue Exception => e
        'E' + failure(e, entry && entry[:name])
      ensure
        @current.pop if entry
      end

      # Runs a 4.x function that defines its own call(scope, *args): it dispatches itself.
      def invoke_call(path, args, block_arity)
        entry = @files[path]
        return 'N' unless entry
        @current.push(entry[:name])
        instance = entry[:class].new(nil, nil)
        block = block_arity ? proc { |*a| Bunraku.callback('yield', a) } : nil
        'V' + Bunraku.encode(instance.call(instance.closure_scope, *args, &block))
      rescue Exception => e
        'E' + failure(e, entry && entry[:name])
      ensure
        @current.pop if entry
      end

      # Runs a 3.x function by name: Puppet's function_<name>(args) wrapper does the arity check.
      def invoke_3x(path, name, args)
        return 'N' unless @files[path]
        @current.push(name)
        result = Puppet::Parser::Scope.new.send("function_#{name}", args)
        'V' + Bunraku.encode(result)
      rescue Exception => e
        'E' + failure(e, name)
      ensure
        @current.pop
      end

      # A Ruby block passed to call_function, called back from JS.
      def call_block(id, args)
        block = @blocks[id]
        return 'E' + JSON.generate({ 'class' => 'RuntimeError', 'message' => 'The Ruby block is no longer available' }) unless block
        'V' + Bunraku.encode(block.call(*args))
      rescue Exception => e
        'E' + failure(e, current_name)
      end

      def call_out(name, args, api, block)
        return Bunraku.callback('call', name, args, api, current_name) unless block
        id = "b#{@blocks.size + 1}"
        @blocks[id] = block
        params = block.parameters
        min = block.arity < 0 ? -block.arity - 1 : block.arity
        max = params.any? { |p| p[0] == :rest } ? -1 : params.count { |p| p[0] == :req || p[0] == :opt }
        names = params.map { |kind, pname| [pname.to_s, kind == :rest] }
        begin
          Bunraku.callback('call_with_block', name, args, api, id, min, max, names)
        ensure
          @blocks.delete(id)
        end
      end

      def capitalize_segments(name)
        name.split('::').map { |seg| seg.empty? ? seg : seg[0].upcase + seg[1..-1] }.join('::')
      end

      def undef_to_nil(value)
        case value
        when :undef then nil
        when Array then value.map { |v| undef_to_nil(v) }
        when Hash then value.each_with_object({}) { |(k, v), h| h[undef_to_nil(k)] = undef_to_nil(v) }
        else value
        end
      end

      def failure(e, name)
        missing = missing_part(e)
        JSON.generate({
          'class' => e.class.name,
          'message' => e.to_s.dup.force_encoding(Encoding::UTF_8).scrub,
          'missing' => missing,
          'backtrace' => (e.backtrace || []).first(8),
          'function' => name,
        })
      end

      # The part of Puppet (or Facter) the shim lacks, when that is why e was raised.
      def missing_part(e)
        return e.part if e.is_a?(Bunraku::MissingPart)
        return nil unless e.is_a?(NameError)
        if e.is_a?(NoMethodError)
          recv = begin
            e.receiver
          rescue ArgumentError
            nil
          end
          return nil unless recv.is_a?(Module) && recv.name.to_s =~ /\A(?:Puppet|Facter)\b/
          return e.name == :[] ? "#{recv.name}[]" : "#{recv.name}.#{e.name}"
        end
        m = /uninitialized constant ((?:Puppet|Facter)(?:::\w+)*)(?![\w:])/.match(e.message)
        m && m[1]
      end

      private

      def describe_4x(found, name, path)
        classes = found[:functions] || []
        the_class = classes.find { |c| c.func_name == name } || classes.last
        unless the_class
          raise ArgumentError, "The code loaded from #{path} did not produce a Function class when evaluated. Got 'NilClass'"
        end
        unless the_class.func_name == name
          raise ArgumentError, "The code loaded from #{path} produced mis-matched name, expected '#{name}', got #{the_class.func_name}"
        end
        dispatches = the_class.dispatches
        if dispatches.empty?
          simple = name.split('::').last
          unless the_class.method_defined?(simple)
            raise ArgumentError, "Function Creation Error, cannot create a default dispatcher for function '#{name}', no method with this name found"
          end
          params = the_class.instance_method(simple).parameters.filter_map do |kind, pname|
            case kind
            when :req then { 'name' => pname.to_s, 'type' => 'Any', 'kind' => 'required' }
            when :opt then { 'name' => pname.to_s, 'type' => 'Any', 'kind' => 'optional' }
            when :rest then { 'name' => pname.to_s, 'type' => 'Any', 'kind' => 'repeated' }
            end
          end
          dispatches = [{ 'method' => simple, 'mismatch' => false, 'params' => params, 'block' => nil, 'returnType' => nil, 'scopeAt' => [], 'default' => true }]
        end
        custom_call = the_class.method_defined?(:call)
        json = { 'api' => '4x', 'name' => name, 'dispatches' => dispatches, 'localTypes' => the_class.local_type_texts, 'customCall' => custom_call }
        { class: the_class, name: name, json: json }
      end

      # Puppet 7 refuses a 3.x function file that defines methods (they would
      # leak into every scope). Its message gives the column as the line.
      def assert_legacy(source, path)
        require 'ripper'
        tree = Ripper.sexp(source)
        walk_legacy(tree, path) if tree
      end

      def walk_legacy(node, path)
        return unless node.is_a?(Array)
        if node[0] == :def || node[0] == :defs
          ident = node.find { |x| x.is_a?(Array) && x[0] == :@ident }
          name = ident ? ident[1] : '<unknown>'
          column = ident && ident[2].is_a?(Array) ? ident[2][1] : '<unknown>'
          raise SecurityError, "Illegal method definition of method '#{name}' in source #{path} on line #{column} in legacy function. See https://puppet.com/docs/puppet/latest/functions_refactor_legacy.html for more information"
        end
        node.each { |child| walk_legacy(child, path) }
      end

      def describe_3x(found, name, path)
        info = (found[:functions3x] || []).find { |n, _| n == name }
        info ||= [name, Puppet::Parser::Functions.get_function_info(name)] if Puppet::Parser::Functions.get_function_info(name)
        unless info
          raise ArgumentError, "The code loaded from #{path} does not seem to be a Puppet 3x API function - no 'newfunction' call."
        end
        fi = info[1]
        { name: name, json: { 'api' => '3x', 'name' => name, 'arity' => fi[:arity], 'type' => fi[:type].to_s } }
      end

      def describe_type(found, name, path)
        definition = (found[:types] || []).find { |d| d.name == name } || (found[:types] || []).last
        raise ArgumentError, "The code loaded from #{path} did not define a type with Puppet::Type.newtype" unless definition
        { name: definition.name, json: definition.to_h }
      end
    end
  end
end
`;

/** The whole shim, in load order (each part may use the ones before it at load time). */
export const FUNCTION_SHIM = [PUPPET_SHIM, POPS_SHIM, PARSER_SHIM, TYPES_SHIM, ENVIRONMENT_SHIM, REGISTRY_SHIM].join('\n');
