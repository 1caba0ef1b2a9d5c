Resource['file'] { 'a': }
$t { 'b': }
