class late { $v = 'late' }
notify { 'x': message => "[${late::v}]" }
include late
