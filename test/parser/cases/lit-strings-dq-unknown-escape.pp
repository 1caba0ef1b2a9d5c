notice("a\qb\%")
