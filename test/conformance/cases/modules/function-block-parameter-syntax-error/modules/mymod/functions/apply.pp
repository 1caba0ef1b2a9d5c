function mymod::apply(Array $items, Callable[1, 1] &$block) { $items.map |$i| { $block($i) } }
