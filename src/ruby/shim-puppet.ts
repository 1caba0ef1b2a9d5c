// Ruby shim, part 1 of 5 (see function-shim.ts): the Puppet module's basics
// that functions reach for (version, settings, features, logging, errors,
// Puppet::Util and its JSON, Puppet::Module, Puppet::Resource), and the
// Bunraku errors and dispatcher the other parts use.
export const PUPPET_SHIM = String.raw`
module Bunraku
  module Functions3x; end

  # Raised for a part of Puppet the shim knows it lacks (a setting, ...).
  class MissingPart < NameError
    attr_reader :part

    def initialize(part)
      @part = part
      super("Bunraku's Ruby shim does not provide #{part}")
    end
  end

  # A function's own dispatcher, for functions that override call and dispatch
  # themselves (self.class.dispatcher.dispatch): the choice is made in JS.
  class Dispatcher
    def initialize(function_class)
      @function_class = function_class
    end

    def dispatch(instance, scope, args, &block)
      method, scope_at, mismatch = Bunraku.callback('dispatch', @function_class.func_name, args, !block.nil?)
      args = args.dup
      scope_at.each { |i| args.insert(i, scope) }
      result = instance.send(method, *args, &block)
      raise ArgumentError, "'#{@function_class.func_name}' #{result}" if mismatch
      result
    end

    def empty?
      @function_class.dispatches.empty?
    end
  end
end

module Puppet
  PUPPETVERSION = '7.23.0'

  def self.version
    PUPPETVERSION
  end

  # The settings functions read. Puppet's values for a compile on the server;
  # any other setting fails naming it, as the shim cannot know it.
  class BunrakuSettings
    KNOWN = { strict: :warning, strict_variables: false, trusted_node_data: true, app_management: false, tasks: false }.freeze

    def [](name)
      key = name.to_sym
      return KNOWN[key] if KNOWN.key?(key)
      raise Bunraku::MissingPart.new("Puppet[:#{key}]")
    end
  end

  def self.settings
    @bunraku_settings ||= BunrakuSettings.new
  end

  # Puppet.features.<name>? : no optional Ruby library (augeas, hocon, ...) is present here.
  class BunrakuFeatures
    def method_missing(name, *_args)
      return false if name.to_s.end_with?('?')
      super
    end

    def respond_to_missing?(name, _private = false)
      name.to_s.end_with?('?')
    end
  end

  def self.features
    @bunraku_features ||= BunrakuFeatures.new
  end

  # A module of the environment, as Puppet::Module.find gives it.
  class Module
    attr_reader :name, :path

    def initialize(name, path)
      @name = name
      @path = path
    end

    def self.find(name, _environment = nil)
      path = Bunraku.callback('module_dir', name.to_s)
      path && new(name.to_s, path)
    end
  end

  def self.[](name)
    settings[name]
  end

  class DevError < Error; end
  class ExecutionFailure < Error; end

  %w[debug info notice warning err alert emerg crit].each do |level|
    define_singleton_method(level) do |message, *_rest|
      Bunraku.callback('log', level, message.to_s)
      nil
    end
  end

  def self.deprecation_warning(message, _key = nil, *_rest)
    warning(message)
  end

  def self.warn_once(_kind, _key, message, *_rest)
    warning(message)
  end

  module Util
    module Json
      class ParseError < StandardError
        attr_reader :data

        def self.build(original, data)
          new(original.message).tap { |e| e.instance_variable_set(:@data, data) }
        end
      end

      def self.load(string, options = {})
        string = string.read if string.respond_to?(:read)
        options = options.dup
        options[:symbolize_names] = true if options.delete(:symbolize_keys)
        ::JSON.parse(string, options)
      rescue ::JSON::ParserError => e
        raise ParseError.build(e, string)
      end

      def self.dump(object, options = {})
        options.is_a?(Hash) && options[:pretty] ? ::JSON.pretty_generate(object) : ::JSON.generate(object)
      end
    end

    ABSOLUTE_POSIX = %r{\A/}
    ABSOLUTE_WINDOWS = %r{\A(?:[A-Z]:[\\/]|[\\/]{2}[^\\/]+[\\/][^\\/]+|[\\/]{2}\?[\\/][^\\/]+)}i

    def self.absolute_path?(path, platform = :posix)
      unless path.is_a?(String)
        Puppet.warning("Cannot check if #{path} is an absolute path because it is a '#{path.class}' and not a String'")
        return false
      end
      !!(path =~ (platform == :windows ? ABSOLUTE_WINDOWS : ABSOLUTE_POSIX))
    end

    def self.deterministic_rand_int(seed, max)
      Random.new(seed).rand(max)
    end

    def self.deterministic_rand(seed, max)
      deterministic_rand_int(seed, max).to_s
    end

    module Package
      # Puppet's version comparison: segments are runs of digits, runs of other
      # characters, and the separators '-' and '.', compared left to right.
      def self.versioncmp(a, b, ignore_trailing_zeroes = false)
        if ignore_trailing_zeroes
          a = a.split('-').tap { |p| p[0] = p[0].sub(/[.0]+\z/, '') }.join('-')
          b = b.split('-').tap { |p| p[0] = p[0].sub(/[.0]+\z/, '') }.join('-')
        end
        segments = /[-.]|\d+|[^-.\d]+/
        left = a.scan(segments)
        right = b.scan(segments)
        until left.empty? || right.empty?
          x = left.shift
          y = right.shift
          next if x == y
          %w[- .].each do |sep|
            return -1 if x == sep
            return 1 if y == sep
          end
          if x =~ /\A\d+\z/ && y =~ /\A\d+\z/
            return x.upcase <=> y.upcase if x.start_with?('0') || y.start_with?('0')
            return x.to_i <=> y.to_i
          end
          return x.upcase <=> y.upcase
        end
        a <=> b
      end
    end
  end

  # A resource as functions see one: a reference passed to a 3.x function, or a
  # catalog resource found through the scope (findresource, catalog.resources),
  # with its parameters as they are at the time of the call.
  class Resource
    attr_reader :type, :title

    def initialize(type, title, parameters = nil)
      @type = type
      @title = title
      @parameters = parameters
    end

    def self.type_and_title(type, title)
      if title.nil? && type.is_a?(String) && type =~ /\A([^\[\]]+)\[(.+)\]\z/m
        type, title = Regexp.last_match(1), Regexp.last_match(2)
      elsif title.nil?
        raise ArgumentError, "No title provided and #{type.inspect} is not a valid resource reference"
      end
      type = Bunraku::Fn.capitalize_segments(type.to_s)
      type = 'Class' if type.casecmp('component').zero? || type.empty?
      title = Bunraku::Fn.capitalize_segments(title.to_s) if type == 'Class'
      [type, title]
    end

    def [](name)
      parameters[name.to_s]
    end

    def parameters
      @parameters ||= begin
        found = Bunraku.callback('findresource', @type, @title)
        found ? found[2] : {}
      end
    end

    def to_hash
      parameters.each_with_object({}) { |(k, v), h| h[k.to_sym] = v }
    end

    def ref
      "#{@type}[#{@title}]"
    end
    alias to_s ref

    def inspect
      ref
    end

    def ==(other)
      other.is_a?(Puppet::Resource) && other.ref == ref
    end
  end

end
`;
