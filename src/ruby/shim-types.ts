// Ruby shim, part 4 of 5 (see function-shim.ts): Puppet::Type.newtype and the
// parameter and property classes custom type files use, recorded by
// Bunraku::TypeDefinition for what the compiler needs.
export const TYPES_SHIM = String.raw`
module Puppet
  class Type
    # Custom types are read, never run: newtype records the type's name,
    # attributes and namevars; everything else in the block is accepted and ignored.
    def self.newtype(name, _options = {}, &block)
      definition = Bunraku::TypeDefinition.new(name.to_s)
      definition.instance_eval(&block) if block
      Bunraku::Fn.defined_type(definition)
      definition
    end

    def self.type(name)
      Bunraku::Fn.known_type(name.to_s)
    end

    # Puppet::Type::File::Owner and the like, which type files subclass: stubs.
    def self.const_missing(name)
      const_set(name, Class.new(Bunraku::StubType))
    end
  end

  # Parameter and property classes a type file subclasses; their class-level
  # DSL (desc, munge, validate, newvalues, ...) is accepted and ignored, and
  # classes Puppet has that the shim does not (Puppet::Parameter::Path) are stubs.
  class Parameter
    class << self
      def method_missing(_name, *_args, &_block)
        nil
      end

      def respond_to_missing?(_name, _private = false)
        true
      end

      def const_missing(name)
        const_set(name, Class.new(self))
      end
    end

    class Boolean < Parameter; end
    class Value; end
    class ValueCollection; end
  end

  class Property < Parameter
    class Ensure < Property; end
    class List < Property; end
    class OrderedList < List; end
    class KeyValue < Property; end
    class Boolean < Property; end
  end
end

module Bunraku
  # What a custom type declares. Blocks given to attributes (validate, munge,
  # newvalues, desc) run against a recorder that accepts and ignores them.
  class TypeDefinition
    class Ignore
      def method_missing(_name, *_args, &_block)
        self
      end

      def respond_to_missing?(_name, _private = false)
        true
      end
    end

    attr_reader :name, :parameters, :properties, :namevars

    def initialize(name)
      @name = name
      @parameters = []
      @properties = []
      @namevars = []
      @ensurable = false
    end

    def ensurable(*_args, &block)
      @ensurable = true
      @properties.unshift('ensure') unless @properties.include?('ensure')
      Ignore.new.instance_eval(&block) if block
      Ignore.new
    end

    def newparam(name, options = {}, &block)
      name = name.to_s
      @parameters << name unless @parameters.include?(name)
      @namevars << name if options[:namevar] && !@namevars.include?(name)
      Ignore.new.instance_eval(&block) if block
      Ignore.new
    end

    def newproperty(name, _options = {}, &block)
      name = name.to_s
      if name == 'ensure'
        @ensurable = true
        @properties.unshift(name) unless @properties.include?(name)
      else
        @properties << name unless @properties.include?(name)
      end
      Ignore.new.instance_eval(&block) if block
      Ignore.new
    end

    # Puppet's key attributes: the namevars and a parameter called name, in declaration order.
    def key_attributes
      @parameters.select { |p| @namevars.include?(p) || p == 'name' }
    end

    # A type defining self.title_patterns: the patterns' sources and the attributes their captures set.
    def title_patterns_description
      unless singleton_methods(false).include?(:title_patterns)
        keys = key_attributes
        return keys.size == 1 ? [{ 'pattern' => '(.*)', 'attributes' => keys }] : nil
      end
      title_patterns.map do |regexp, captures|
        { 'pattern' => regexp.source, 'attributes' => captures.map { |c| Array(c)[0].to_s } }
      end
    end

    def method_missing(_name, *_args, &_block)
      Ignore.new
    end

    def respond_to_missing?(_name, _private = false)
      true
    end

    def to_h
      {
        'name' => @name, 'parameters' => @parameters, 'properties' => @properties,
        'namevars' => key_attributes, 'ensurable' => @ensurable, 'titlePatterns' => title_patterns_description,
      }
    end
  end
end
`;
