class outer { class inner { notify { 'outer::inner': message => $module_name } } }
class outer::other { notify { 'other': } }
include outer
include outer::inner
include outer::other
