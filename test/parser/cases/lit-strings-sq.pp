$a = 'it''s'
$b = 'a\\b\'c\n'
