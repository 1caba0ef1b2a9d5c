$h = 0x10
$o = 010
$f = 1.0e2
notify { 'n': message => "h=${h} o=${o} f=${f} e=${0 + 1.5e-7} g=${1.0e20 * 10}" }
