class app (Optional[String] $tuning = 'auto', String $label = 'dflt') {
  notify { 'app': message => "tuning=${tuning} label=${label}" }
}
