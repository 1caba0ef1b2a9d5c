Puppet::Functions.create_function(:'mylib::from_scope', Puppet::Functions::InternalFunction) do
  dispatch :from_scope do
    scope_param
    param 'String', :name
  end

  def from_scope(scope, name)
    "#{name}=#{scope[name]} in #{scope.source.name}"
  end
end
