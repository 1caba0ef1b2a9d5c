Puppet::Functions.create_function(:'mylib::default_workers') do
  dispatch :default_workers do
    param 'Integer', :cpus
  end

  def default_workers(cpus)
    [cpus * 2, 16].min
  end
end
