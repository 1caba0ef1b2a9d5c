// Ruby shim, part 3 of 5 (see function-shim.ts): the 3.x function API
// (Puppet::Parser::Functions.newfunction) and the scope 3.x code runs in
// (variables, function_<name> calls, the catalog, the environment).
export const PARSER_SHIM = String.raw`
module Puppet
  module Parser
    # 3.x functions become methods of this module, which the scope includes:
    # a 3.x function body runs with the scope as self, as in Puppet.
    module Functions
      @functions = {}

      def self.newfunction(name, options = {}, &block)
        name = name.to_s
        arity = options[:arity] || -1
        ftype = options[:type] || :statement
        unless ftype == :statement || ftype == :rvalue
          raise Puppet::DevError, "Invalid statement type #{ftype.inspect}"
        end
        real = "real_function_#{name}"
        Bunraku::Functions3x.send(:define_method, real, &block)
        Bunraku::Functions3x.send(:define_method, "function_#{name}") do |*args|
          unless args[0].is_a?(Array)
            raise ArgumentError, 'custom functions must be called with a single array that contains the arguments. For example, function_example([1]) instead of function_example(1)'
          end
          given = args[0].size
          if arity >= 0 && given != arity
            raise ArgumentError, "#{name}(): Wrong number of arguments given (#{given} for #{arity})"
          elsif arity < 0 && given < (arity + 1).abs
            raise ArgumentError, "#{name}(): Wrong number of arguments given (#{given} for minimum #{(arity + 1).abs})"
          end
          result = Bunraku::Fn.undef_to_nil(send(real, args[0]))
          ftype == :rvalue ? result : nil
        end
        info = { name: "function_#{name}", arity: arity, type: ftype }
        info[:doc] = options[:doc] if options[:doc]
        @functions[name] = info
        Bunraku::Fn.defined_3x(name, info)
        info
      end

      def self.get_function_info(name)
        @functions[name.to_s]
      end

      # "function_<name>" when a 3.x function of that name exists (loading it), else false.
      def self.function(name, _environment = nil)
        name = name.to_s
        return "function_#{name}" if @functions.key?(name)
        Bunraku.callback('has_3x', name) ? "function_#{name}" : false
      end

      def self.rvalue?(name, _environment = nil)
        function(name)
        info = @functions[name.to_s]
        info ? info[:type] == :rvalue : false
      end

      def self.arity(name, _environment = nil)
        function(name)
        info = @functions[name.to_s]
        info ? info[:arity] : -1
      end

      def self.autoloader
        Bunraku::Autoloader
      end
    end

    class Scope
      include Bunraku::Functions3x
      alias_method :__bunraku_method_missing, :method_missing

      # The catalog as far as functions read it.
      class CatalogView
        def resources
          Bunraku.callback('catalog_resources').map { |t, ti, params| Puppet::Resource.new(t, ti, params) }
        end

        def resource(type, title = nil)
          Puppet::Parser::Scope.new.findresource(type, title)
        end
      end

      def findresource(type, title = nil)
        type, title = Puppet::Resource.type_and_title(type.to_s, title)
        found = Bunraku.callback('findresource', type, title.to_s)
        found && Puppet::Resource.new(*found)
      end

      def catalog
        CatalogView.new
      end

      # The resource whose body is being evaluated (Class[Foo], Foo::Bar[x]).
      def resource
        found = Bunraku.callback('current_resource')
        found && Puppet::Resource.new(*found)
      end

      def find_global_scope
        self
      end

      # Puppet::Util::Logging as the scope has it (3.x functions call warning(...)).
      %w[debug info notice warning err].each do |level|
        define_method(level) { |message| Puppet.send(level, message) }
      end

      # What the scope evaluates: scope.source.name and .type, as assert_private reads them.
      class SourceView
        attr_reader :name, :type

        def initialize(name, type)
          @name = name
          @type = type
        end
      end

      def source
        found = Bunraku.callback('current_resource')
        return SourceView.new('', :hostclass) unless found
        case found[0]
        when 'Class' then SourceView.new(found[1].downcase, :hostclass)
        when 'Node' then SourceView.new(found[1].downcase, :node)
        else SourceView.new(found[0].downcase, :definition)
        end
      end

      # scope.compiler.environment and scope.environment, as far as functions print them.
      class EnvironmentView
        def name
          Bunraku.callback('environment')
        end
        alias to_s name
      end

      class CompilerView
        def environment
          EnvironmentView.new
        end
      end

      def compiler
        CompilerView.new
      end

      def environment
        EnvironmentView.new
      end

      # function_<name>([...]) of a module's 3.x function not loaded yet: load
      # it and call it here, as Puppet does; anything else goes to the compiler.
      def method_missing(method, *args, &block)
        name = method.to_s[/\Afunction_(.*)\z/, 1]
        if name && !Bunraku::Functions3x.method_defined?(method)
          found = begin
            Puppet::Parser::Functions.function(name)
          rescue Puppet::ParseError
            false
          end
          return send(method, *args, &block) if found && Bunraku::Functions3x.method_defined?(method)
        end
        __bunraku_method_missing(method, *args, &block)
      end
    end
  end

end
`;
