notify { 'str': }
$t = ['arr1', 'arr2']
notify { $t: }
