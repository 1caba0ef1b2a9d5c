case 'HELLO' {
  'hello': { notify { 'matched-insensitive': } }
  default: { notify { 'no-match': } }
}
