$s = 'server-042.example.com'
if $s =~ /^(\w+)-(\d+)\./ {
  notify { 'm': message => "name=${1} num=${2} all=${0}" }
}
notify { 'nm': message => [$s !~ /^db/, 'abc' =~ 'b', 5 =~ Integer, 'x' =~ Integer[1]] }
