# apt::backports on Debian, with its defaults from the facts.
class { 'apt::backports':
  pin => 200,
}
