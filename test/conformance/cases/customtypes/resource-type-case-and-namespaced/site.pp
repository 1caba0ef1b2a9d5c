acme::widget { 'w1': size => 3 }
Acme::Widget { color => 'red' }
acme::widget { 'w2': size => 5 }
