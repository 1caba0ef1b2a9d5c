$third = 1.0 / 3
$big = 1.0e20
$small = 1e-5
$hundred = 100.0
$neg0 = -0.0
$long = 12345678901234.5
notify { 'x': message => ["${0.1 + 0.2}", "${third}", "${big}", "${small}", "${hundred}", "${neg0}", "${long}", String(0.1 + 0.2), "${$big * 10}"] }
