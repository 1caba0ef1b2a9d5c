# Recursively merges hashes; later ones win, as stdlib's deep_merge.
Puppet::Functions.create_function(:'mylib::deep_merge') do
  dispatch :deep_merge do
    repeated_param 'Variant[Hash, Undef, String[0,0]]', :hashes
  end

  def deep_merge(*hashes)
    hashes.compact.reject { |h| h == '' }.reduce({}) { |acc, h| merge_two(acc, h) }
  end

  def merge_two(left, right)
    result = left.dup
    right.each do |k, v|
      result[k] = (left[k].is_a?(Hash) && v.is_a?(Hash)) ? merge_two(left[k], v) : v
    end
    result
  end
end
