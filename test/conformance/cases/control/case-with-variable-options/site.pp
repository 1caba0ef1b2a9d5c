$wanted = 'b'
$choices = ['x', 'b']
case 'b' {
  $choices: { notify { 'array-var-is-not-splatted': } }
  *$choices: { notify { 'splatted-match': } }
  default: { notify { 'no-match': } }
}
