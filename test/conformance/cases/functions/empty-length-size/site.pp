notify { 'x': message => [
  empty(''), empty([]), empty({}), empty('a'), empty([undef]), empty(0), empty(undef),
  length('héllo'), length([1, 2]), length({ 'a' => 1 }), size([1, 2, 3]), 'abc'.length, size(Binary('AAEC')),
] }
