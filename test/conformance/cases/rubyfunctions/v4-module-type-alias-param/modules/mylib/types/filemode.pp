type Mylib::Filemode = Pattern[/\A0?[0-7]{3}\z/]
