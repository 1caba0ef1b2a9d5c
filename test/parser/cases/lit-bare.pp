$a = [foo, foo-bar, foo::bar, ::foo, Foo, Foo::Bar, ::Foo, _x, true, false, undef, default]
