notify { 'x': message => [
  sprintf('%s|%d|%05.2f|%x|%o|%X|%e', 'str', 42, 3.14159, 255, 8, 255, 12345.678),
  sprintf('%-5s|%5s|%+d|%%', 'ab', 'cd', 5),
  sprintf('%<a>s and %<b>s', { 'a' => 'A', 'b' => 'B' }),
  sprintf('%s', [1, 'a']),
  sprintf('%p', 'quoted'),
  sprintf('%b', 10),
] }
