class foo { notify { 'foo': } }
include ::foo
contain ::foo
