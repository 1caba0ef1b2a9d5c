notice("cost: $ 5 and $-x and ${x}")
