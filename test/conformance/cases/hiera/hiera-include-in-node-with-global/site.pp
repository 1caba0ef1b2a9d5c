class base { notify { 'base': } }
class role::cache { notify { 'cache': } }
node /^agent\d+\./ { hiera_include('classes', []) }
