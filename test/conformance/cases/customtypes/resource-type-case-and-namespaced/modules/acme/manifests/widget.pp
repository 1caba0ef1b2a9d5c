define acme::widget (Integer $size, String $color = 'blue') {
  acme_gadget { "gadget-${title}": size => $size, color => $color }
}
