notify { 'a': tag => ['ns::tag', 'v1.2', 'with-dash', '_under'] }
