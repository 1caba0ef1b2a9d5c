$max = 0x7FFFFFFFFFFFFFFF
$octal = 010
notify { 'x': message => ["${max}", "${-42}", "${octal}", String(255, '%o'), String(-5, '%05d'), "${$max - 1}"] }
