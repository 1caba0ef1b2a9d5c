$x = ::Foo::bar
