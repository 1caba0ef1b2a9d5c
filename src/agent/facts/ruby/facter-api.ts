// The Ruby side of custom facts: a shim of Facter 4's custom fact API
// (Facter.add, resolutions with setcode/confine/weight, aggregates with chunks,
// Facter.value/fact reading native and custom facts) evaluated in the embedded
// CRuby. Its semantics follow facter 4.3's LegacyFacter classes: resolutions
// are ordered by weight (the number of confines when none is given), the first
// non-nil value of a suitable resolution wins, and a fact whose winning weight
// is 0 yields to the core fact of the same name.
//
// State lives in BunrakuFacter's module instance variables, reset by each run;
// the VM running it is the agent's own (never the compiler's).

export const FACTER_API_RUBY = String.raw`
require 'json'
require 'time'
require 'date'
require 'tsort'

module BunrakuFacter
  EXTERNAL_FACT_WEIGHT = 10_000
  ENV_FACT_WEIGHT = 1_000_000

  class << self
    attr_reader :collection, :core, :messages, :searched

    def reset(core, debug)
      @core = core
      @debug = debug
      @messages = []
      @seen = {}
      @searched = {}
      @collection = LegacyFacter::Util::Collection.new
    end

    def log(level, message)
      return nil if level == 'debug' && !@debug
      @messages << [level, message.to_s]
      nil
    end

    def log_once(level, message)
      key = [level, message.to_s]
      return nil if @seen[key]
      @seen[key] = true
      log(level, message)
    end

    # facter 4.3 reports a failing Facter.add block by handing its message (a
    # String) to a logger expecting an exception; the NoMethodError that follows
    # aborts the rest of the fact file. Users see exactly that, so we do too.
    def facter_log_exception_bug(message)
      raise NoMethodError, "undefined method \x60message' for #{message.inspect}:String"
    end

    # A core (native) fact by a query such as "os.family"; nil when absent.
    def core_value(query)
      dig(@core, split_query(query.to_s))
    end

    def split_query(query)
      query.split('.')
    end

    def dig(value, parts)
      parts.each do |part|
        case value
        when Hash then value = value[part]
        when Array
          return nil unless part =~ /\A\d+\z/
          value = value[part.to_i]
        else return nil
        end
      end
      value
    end

    # Values as JSON can carry them: symbols and hash keys as strings.
    def plain(value)
      case value
      when Hash then value.each_with_object({}) { |(k, v), h| h[k.to_s] = plain(v) }
      when Array then value.map { |v| plain(v) }
      when Symbol then value.to_s
      when Float then value.finite? ? value : nil
      else value
      end
    end
  end

  # What Facter.fact returns for a native fact: an object with a value.
  class CoreFact
    attr_reader :name, :value

    def initialize(name, value)
      @name = name.to_s.intern
      @value = value
    end
  end
end

module Facter
  VERSION = '4.3.0'
  class ResolveCustomFactError < StandardError; end

  module Util; end
  module Core; end

  class << self
    def add(name, options = {}, &block)
      options = options.merge(fact_type: :custom)
      BunrakuFacter.collection.add(name, options, &block)
    end

    def define_fact(name, options = {}, &block)
      options = options.merge(fact_type: :custom)
      BunrakuFacter.collection.define_fact(name, options, &block)
    end

    def value(query)
      fact(query)&.value
    end

    # As facter 4: a query answered once is answered the same for the rest of
    # the run (custom facts even when nil), which also ends cycles quietly.
    def fact(query)
      query = query.to_s.downcase
      searched = BunrakuFacter.searched
      return searched[query] if searched.key?(query)
      root, *rest = BunrakuFacter.split_query(query)
      collection = BunrakuFacter.collection
      BunrakuFacter.load_by_name(root) unless collection.fact(root)
      custom = collection.fact(query)
      value = if custom
                custom.value
              elsif !rest.empty? && (custom = collection.fact(root))
                BunrakuFacter.dig(custom.value, rest)
              else
                BunrakuFacter.core_value(query)
              end
      return nil if custom.nil? && value.nil?
      searched[query] = BunrakuFacter::CoreFact.new(query, value)
    end

    def [](query)
      fact(query)
    end

    def core_value(query)
      BunrakuFacter.core_value(query)
    end

    def to_hash
      hash = BunrakuFacter.core.dup
      BunrakuFacter.collection.to_hash.each { |k, v| hash[k] = v }
      hash
    end

    def each(&block)
      to_hash.each(&block)
      self
    end

    def list
      to_hash.keys.sort
    end

    def collection
      BunrakuFacter.collection
    end

    def version
      VERSION
    end

    def debug(message)
      return nil if message.nil? || message.to_s.empty?
      BunrakuFacter.log('debug', message)
    end

    def debugonce(message)
      BunrakuFacter.log_once('debug', message)
    end

    def warn(message)
      BunrakuFacter.log('warning', message)
    end

    def warnonce(message)
      BunrakuFacter.log_once('warning', message)
    end

    def log_exception(exception, message = nil)
      text = message.nil? || (message.is_a?(String) && message.empty?) ? nil : message.to_s
      text ||= exception.is_a?(Exception) ? exception.message : exception.to_s
      BunrakuFacter.log('err', text)
    end

    def debugging?
      false
    end

    def trace?
      false
    end

    def on_message(&_block)
      nil
    end

    # Search paths are the agent's to set; the shim loads what it was given.
    def search(*_dirs); nil; end
    def search_external(_dirs); nil; end
    def search_path; []; end
    def search_external_path; []; end
    def loadfacts; nil; end
    def flush; BunrakuFacter.collection.flush; nil; end
    def clear; nil; end
    def reset; nil; end
  end
end

module LegacyFacter
  module Util
    module Values
      module_function

      class DeepFreezeError < StandardError; end
      class DeepMergeError < StandardError; end

      def deep_freeze(value)
        case value
        when Numeric, Symbol, TrueClass, FalseClass, NilClass then value
        when String then value.dup.freeze
        when Array then value.map { |entry| deep_freeze(entry) }.freeze
        when Hash then value.each_with_object({}) { |(key, val), hash| hash[deep_freeze(key)] = deep_freeze(val) }.freeze
        else raise DeepFreezeError, "Cannot deep freeze #{value}:#{value.class}"
        end
      end

      def deep_merge(left, right, path = [])
        if left.is_a?(Hash) && right.is_a?(Hash)
          left.merge(right) do |key, left_val, right_val|
            path.push(key)
            merged = deep_merge(left_val, right_val, path)
            path.pop
            merged
          end
        elsif left.is_a?(Array) && right.is_a?(Array)
          left.dup.concat(right)
        elsif right.nil?
          left
        elsif left.nil?
          right
        else
          msg = +"Cannot merge #{left.inspect}:#{left.class} and #{right.inspect}:#{right.class}"
          unless path.empty?
            msg << ' at root'
            msg << path.map { |part| "[#{part.inspect}]" }.join
          end
          raise DeepMergeError, msg
        end
      end

      def convert(value)
        value = value.to_s if value.is_a?(Symbol)
        value = value.downcase if value.is_a?(String)
        value
      end
    end

    module Normalization
      class NormalizationError < StandardError; end
      VALID_TYPES = [Integer, Float, TrueClass, FalseClass, NilClass, Symbol, String, Array, Hash, Date, Time].freeze

      module_function

      def normalize(value)
        case value
        when Integer, Float, TrueClass, FalseClass, NilClass, Symbol then value
        when Date, Time then value.iso8601
        when String then normalize_string(value)
        when Array then value.map { |elem| normalize(elem) }
        when Hash then Hash[value.map { |k, v| [normalize(k), normalize(v)] }]
        else raise NormalizationError, "Expected #{value} to be one of #{VALID_TYPES.inspect}, but was #{value.class}"
        end
      end

      def normalize_string(value)
        value = value.encode(Encoding::UTF_8)
        raise NormalizationError, "String #{value.inspect} doesn't match the reported encoding #{value.encoding}" unless value.valid_encoding?
        value
      rescue EncodingError
        raise NormalizationError, "String encoding #{value.encoding} is not UTF-8 and could not be converted to UTF-8"
      end
    end

    class Confine
      attr_accessor :fact, :values

      def initialize(fact = nil, *values, &block)
        raise ArgumentError, 'The fact name must be provided' unless fact || block_given?
        raise ArgumentError, 'One or more values or a block must be provided' if values.empty? && !block_given?
        @fact = fact
        @values = values
        @block = block
      end

      def to_s
        return @block.to_s if @block
        format("'%<fact>s' '%<values>s'", fact: @fact, values: @values.join(','))
      end

      def true?
        if @block && !@fact
          begin
            return !!@block.call
          rescue StandardError => e
            Facter.debug("Confine raised #{e.class} #{e}")
            return false
          end
        end
        fact = Facter[@fact]
        return false unless fact
        value = Values.convert(fact.value)
        return false if value.nil?
        if @block
          begin
            return !!@block.call(value)
          rescue StandardError => e
            Facter.debug("Confine raised #{e.class} #{e}")
            return false
          end
        end
        @values.any? { |v| Values.convert(v) === value }
      end
    end

    class Collection
      def initialize
        @facts = {}
      end

      def define_fact(name, options = {}, &block)
        fact = create_or_return_fact(name, options)
        fact.instance_eval(&block) if block
        fact
      rescue StandardError => e
        BunrakuFacter.facter_log_exception_bug("Unable to add fact #{name}: #{e}")
      end

      def add(name, options = {}, &block)
        fact = create_or_return_fact(name, options)
        fact.add(options, &block)
        fact
      end

      def fact(name)
        @facts[canonicalize(name)]
      end

      def [](name)
        fact(name)&.value
      end

      def names
        @facts.keys
      end

      def flush
        @facts.each_value(&:flush)
      end

      def to_hash
        @facts.each_with_object({}) do |(name, fact), h|
          value = fact.value
          h[name.to_s] = value unless value.nil?
        end
      end

      private

      def create_or_return_fact(name, options)
        name = canonicalize(name)
        @facts[name] ||= Facter::Util::Fact.new(name, options)
      end

      def canonicalize(name)
        name.to_s.downcase.to_sym
      end
    end
  end

  module Core
    module Suitable
      def has_weight(weight)
        @weight = weight
        self
      end

      def confine(confines = nil, &block)
        case confines
        when Hash
          confines.each do |fact, values|
            @confines.push LegacyFacter::Util::Confine.new(fact, *values)
          end
        else
          if block
            @confines.push(confines ? LegacyFacter::Util::Confine.new(confines, &block) : LegacyFacter::Util::Confine.new(&block))
          end
        end
      end

      def weight
        @weight || @confines.length
      end

      def suitable?
        @confines.all?(&:true?)
      end
    end

    module Resolvable
      attr_accessor :timeout

      def limit
        @timeout || 0
      end

      def on_flush(&block)
        @on_flush_block = block
      end

      def flush
        @on_flush_block&.call
      end

      def value
        result = nil
        Timeout.timeout(limit) { result = resolve_value }
        LegacyFacter::Util::Normalization.normalize(result)
      rescue Timeout::Error => e
        Facter.log_exception(e, "Timed out after #{limit} seconds while resolving #{qualified_name}")
        nil
      rescue LegacyFacter::Util::Normalization::NormalizationError => e
        Facter.log_exception(e, "Fact resolution #{qualified_name} resolved to an invalid value: #{e.message}")
        nil
      rescue StandardError => e
        Facter.log_exception(e, "Error while resolving custom fact #{qualified_name}: #{e.message}")
        raise Facter::ResolveCustomFactError
      end

      private

      def qualified_name
        "fact='#{@fact.name}', resolution='#{@name || '<anonymous>'}'"
      end
    end

    class DirectedGraph < Hash
      include TSort
      alias tsort_each_node each_key

      def tsort_each_child(node, &block)
        fetch(node, []).each(&block)
      end

      def acyclic?
        cycles.empty?
      end

      def cycles
        strongly_connected_components.select { |component| component.size > 1 }
      end

      def tsort
        missing = flat_map { |_k, deps| deps }.uniq - keys
        raise MissingVertex, "Cannot sort elements; cannot depend on missing elements #{missing.inspect}" unless missing.empty?
        super
      end

      class CycleError < StandardError; end
      class MissingVertex < StandardError; end
    end
  end
end

module Facter
  module Core
    class Aggregate
      include LegacyFacter::Core::Suitable
      include LegacyFacter::Core::Resolvable

      attr_reader :name, :fact_type, :deps, :confines, :fact

      class DependencyError < StandardError; end

      def initialize(name, fact)
        @name = name
        @fact = fact
        @confines = []
        @chunks = {}
        @aggregate = nil
        @deps = LegacyFacter::Core::DirectedGraph.new
      end

      def <=>(other)
        weight <=> other.weight
      end

      def options(options)
        %i[name timeout weight fact_type].each do |option_name|
          instance_variable_set("@#{option_name}", options.delete(option_name)) if options.key?(option_name)
        end
        raise ArgumentError, "Invalid aggregate options #{options.keys.inspect}" unless options.keys.empty?
      end

      def evaluate(&block)
        instance_eval(&block)
      end

      def chunk(name, opts = {}, &block)
        raise ArgumentError, "#{self.class.name}#chunk requires a block" unless block_given?
        raise ArgumentError, "#{self.class.name}#expected chunk name to be a Symbol" unless name.is_a?(Symbol)
        deps = Array(opts.delete(:require))
        raise ArgumentError, "Unexpected options passed to #{self.class.name}#chunk: #{opts.keys.inspect}" unless opts.empty?
        @deps[name] = deps
        @chunks[name] = block
        self
      end

      def aggregate(&block)
        raise ArgumentError, "#{self.class.name}#aggregate requires a block" unless block_given?
        @aggregate = block
        self
      end

      def resolution_type
        :aggregate
      end

      private

      def resolve_value
        results = {}
        order_chunks.each do |(name, block)|
          input = @deps[name].map { |dep_name| results[dep_name] }
          results[name] = LegacyFacter::Util::Values.deep_freeze(block.call(*input))
        end
        return @aggregate.call(results) if @aggregate
        begin
          results.values.inject { |result, current| LegacyFacter::Util::Values.deep_merge(result, current) }
        rescue LegacyFacter::Util::Values::DeepMergeError => e
          raise ArgumentError, "Could not deep merge all chunks (Original error: #{e.message}), ensure that chunks return either an Array or Hash or override the aggregate block", e.backtrace
        end
      end

      def order_chunks
        raise DependencyError, "Could not order chunks; found the following dependency cycles: #{@deps.cycles.inspect}" unless @deps.acyclic?
        @deps.tsort.map { |name| [name, @chunks[name]] }
      end
    end
  end

  module Util
    class Resolution
      include LegacyFacter::Core::Resolvable
      include LegacyFacter::Core::Suitable

      attr_accessor :code, :fact_type, :name
      attr_writer :value
      attr_reader :fact, :last_evaluated, :file

      def initialize(name, fact)
        @name = name
        @fact = fact
        @confines = []
        @value = nil
        @timeout = 0
        @weight = nil
      end

      def resolution_type
        :simple
      end

      def evaluate(&block)
        Facter.warn("Already evaluated #{@name} at #{@last_evaluated}, reevaluating anyways") if @last_evaluated
        instance_eval(&block)
        @last_evaluated = block.source_location ? block.source_location.join(':') : true
      end

      def options(options)
        %i[name value timeout weight fact_type file is_env].each do |option_name|
          instance_variable_set("@#{option_name}", options.delete(option_name)) if options.key?(option_name)
        end
        raise ArgumentError, "Invalid resolution options #{options.keys.inspect}" unless options.keys.empty?
      end

      def setcode(string = nil, &block)
        if string
          @code = proc do
            output = Facter::Core::Execution.execute(string, on_fail: nil)
            output.nil? || output.empty? ? nil : output
          end
        elsif block_given?
          @code = block
        else
          raise ArgumentError, 'You must pass either code or a block'
        end
        self
      end

      def <=>(other)
        return compare_equal_weights(other) if weight == other.weight
        weight > other.weight ? 1 : -1
      end

      private

      def compare_equal_weights(other)
        return -1 if fact_type == :custom && other.fact_type == :external
        return 1 if fact_type == :external && other.fact_type == :custom
        0
      end

      def resolve_value
        if !@value.nil? then @value
        elsif @code.nil? then nil
        else @code.call
        end
      end
    end

    class Fact
      attr_reader :location, :name
      attr_accessor :ldapname, :options, :used_resolution_weight

      def initialize(name, options = {})
        @name = name.to_s.downcase.intern
        @options = options.dup
        @ldapname = @name.to_s
        @resolves = []
        @searching = false
        @used_resolution_weight = 0
        @value = nil
      end

      def add(options = {}, &block)
        options = options.dup
        @options = @options.merge(options)
        @location = options[:file]
        @location ||= block.source_location if block_given?
        define_resolution(nil, options, &block)
      end

      def define_resolution(resolution_name, options = {}, &block)
        resolution_type = options.delete(:type) || :simple
        resolve = create_or_return_resolution(resolution_name, resolution_type)
        resolve.options(options) unless options.empty?
        resolve.evaluate(&block) if block
        resolve
      rescue StandardError => e
        BunrakuFacter.facter_log_exception_bug("Unable to add resolve #{resolution_name.inspect} for fact #{@name}: #{e.message}")
      end

      def resolution(name)
        return nil if name.nil?
        @resolves.find { |resolve| resolve.name == name }
      end

      def resolutions
        @resolves
      end

      def flush
        @resolves.each(&:flush)
        @value = nil
      end

      def value
        return @value unless @value.nil?
        return nil if @resolves.empty?
        searching do
          suitable = sort_by_weight(@resolves.select(&:suitable?))
          @value = find_first_real_value(suitable)
          @value = resolve_value
        end
        @value
      end

      private

      def resolve_value
        return Facter.core_value(name) if @value.nil?
        core_value = Facter.core_value(name) if @used_resolution_weight <= 0
        core_value.nil? ? @value : core_value
      end

      def searching
        raise "Caught recursion on #{@name}" if @searching
        @searching = true
        begin
          yield
        ensure
          @searching = false
        end
      end

      # Descending weight; at equal weight external facts first, then definition order.
      def sort_by_weight(resolutions)
        idx = 0
        resolutions.sort_by do |x|
          [-x.weight, x.respond_to?(:fact_type) && x.fact_type == :external ? 0 : 1, idx += 1]
        end
      end

      def find_first_real_value(resolutions)
        resolutions.each do |resolve|
          begin
            value = resolve.value
          rescue Facter::ResolveCustomFactError
            break
          end
          @used_resolution_weight = resolve.weight
          return value unless value.nil?
        end
        nil
      end

      def create_or_return_resolution(resolution_name, resolution_type)
        resolve = resolution(resolution_name)
        if resolve
          if resolution_type != resolve.resolution_type
            raise ArgumentError, "Cannot return resolution #{resolution_name} with type #{resolution_type}; already defined as #{resolve.resolution_type}"
          end
        else
          case resolution_type
          when :simple then resolve = Facter::Util::Resolution.new(resolution_name, self)
          when :aggregate then resolve = Facter::Core::Aggregate.new(resolution_name, self)
          else raise ArgumentError, "Expected resolution type to be one of (:simple, :aggregate) but was #{resolution_type}"
          end
          @resolves << resolve
        end
        resolve
      end
    end
  end
end
`;
