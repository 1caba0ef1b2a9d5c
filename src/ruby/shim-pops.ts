// Ruby shim, part 2 of 5 (see function-shim.ts): Puppet::Pops as functions
// use it (type checks and parsing answered by the compiler, Iterable,
// ToDataConverter, Runtime3ResourceSupport) and the 4.x function API
// (Puppet::Functions.create_function and the Function base class).
export const POPS_SHIM = String.raw`
module Puppet
  module Pops
    module Types
      # The compiler's types arrive as instances of these classes (handles:
      # Bunraku::HandleMethods), so Ruby code can test their class and ask them.
      class PAnyType
        include Bunraku::HandleMethods

        def instance?(value, _guard = nil)
          Bunraku.callback('instance', self, value)
        end

        def assignable?(other, _guard = nil)
          Bunraku.callback('assignable', self, other)
        end
      end

      %w[
        PScalarType PScalarDataType PNumericType PIntegerType PFloatType PStringType PEnumType PPatternType
        PRegexpType PBooleanType PUndefType PDefaultType PCollectionType PArrayType PHashType PTupleType
        PStructType POptionalType PNotUndefType PTypeType PVariantType PCallableType PIterableType
        PIteratorType PCatalogEntryType PResourceType PClassType PTypeAliasType PSemVerType
        PSemVerRangeType PTimestampType PTimespanType PBinaryType PRuntimeType PObjectType PTypeSetType
        PInitType PUnitType PTypeReferenceType
      ].each { |n| const_set(n, Class.new(PAnyType)) unless const_defined?(n, false) }

      class TypeCalculator
        def self.instance?(type, value)
          Bunraku.callback('instance', type, value)
        end

        def self.infer(value)
          Bunraku.callback('infer', value)
        end

        def self.infer_set(value)
          Bunraku.callback('infer', value)
        end

        def self.singleton
          self
        end
      end

      class TypeParser
        def self.singleton
          new
        end

        def parse(text, _loader = nil)
          Bunraku.callback('parse_type', text.to_s)
        end
      end

      class TypeAsserter
        def self.assert_instance_of(subject, type, value, nil_ok = false)
          return value if nil_ok && value.nil?
          message = Bunraku.callback('mismatch', type, value, (block_given? ? yield : subject).to_s)
          raise Puppet::ParseError, message if message
          value
        end
      end

      # What Iterable.asserted_iterable gives a function: enumerable, and
      # hash_style? for hashes (whose elements are [key, value] pairs).
      class BunrakuIterable
        include Enumerable

        def initialize(items, hash_style)
          @items = items
          @hash_style = hash_style
          @enum = nil
        end

        def hash_style?
          @hash_style
        end

        def each(&block)
          return enum_for(:each) unless block
          @items.each(&block)
        end

        def next
          (@enum ||= @items.each).next
        end

        def rewind
          @enum = nil
          self
        end
      end

      module Iterable
        def self.on(obj, _element_type = nil, _infer = true)
          case obj
          when Hash then BunrakuIterable.new(obj.to_a, true)
          when Array then BunrakuIterable.new(obj, false)
          when String then BunrakuIterable.new(obj.chars, false)
          when Integer then BunrakuIterable.new(obj < 0 ? [] : (0...obj).to_a, false)
          when Enumerable then BunrakuIterable.new(obj.to_a, false)
          end
        end

        def self.asserted_iterable(_caller, obj, _infer = false)
          iter = on(obj)
          raise ArgumentError, "#{Bunraku::Fn.current_name} expects an Iterable value, got #{obj.class}" if iter.nil?
          iter
        end
      end
    end

    module Time
      # Puppet's Timespan and Timestamp values, held by the compiler: seconds
      # as a Float (Timestamp: since the epoch) come from it.
      module TimeValue
        include Bunraku::HandleMethods

        def to_f
          Bunraku.callback('time_value', self)
        end

        def to_i
          to_f.to_i
        end
      end

      class Timespan
        include TimeValue
      end

      class Timestamp
        include TimeValue

        def format(pattern, timezone = nil)
          args = timezone ? [self, pattern, timezone] : [self, pattern]
          Bunraku.callback('call', 'strftime', args, '4x')
        end
      end
    end

    module Serialization
      # Puppet values as plain data; with rich_data, the values JSON cannot
      # hold are tagged as Puppet tags them ({'__ptype' => ..., '__pvalue' => ...}).
      class ToDataConverter
        def self.convert(value, options = {})
          new(options[:rich_data]).convert(value)
        end

        def initialize(rich)
          @rich = rich
        end

        def convert(v)
          case v
          when nil, true, false, String, Integer, Float then v
          when Symbol then v == :default && @rich ? { '__ptype' => 'Default' } : v.to_s
          when Array then v.map { |x| convert(x) }
          when Hash
            if v.keys.all? { |k| k.is_a?(String) }
              v.each_with_object({}) { |(k, x), h| h[k] = convert(x) }
            elsif @rich
              { '__ptype' => 'Hash', '__pvalue' => v.flat_map { |k, x| [convert(k), convert(x)] } }
            else
              v.each_with_object({}) { |(k, x), h| h[k.to_s] = convert(x) }
            end
          when Puppet::Pops::Types::PSensitiveType::Sensitive
            @rich ? { '__ptype' => 'Sensitive', '__pvalue' => convert(v.unwrap) } : v.to_s
          when Regexp then @rich ? { '__ptype' => 'Regexp', '__pvalue' => v.source } : v.inspect
          when Puppet::Pops::Types::PAnyType then @rich ? { '__ptype' => 'Type', '__pvalue' => v.to_s } : v.to_s
          else v.to_s
          end
        end
      end
    end

    module Evaluator
      module Runtime3ResourceSupport
        # The type's name as the catalog spells it ('Package', 'Apache::Vhost'); nil when no such type.
        def self.find_resource_type_or_class(_scope, name)
          Bunraku.callback('resource_type', name.to_s)
        end

        def self.find_resource_type(scope, name)
          find_resource_type_or_class(scope, name)
        end
      end
    end

    module Functions
      # The base of every 4.x function class; instances are made per call.
      class Function
        def initialize(closure_scope = nil, loader = nil)
          @closure_scope = closure_scope
          @loader = loader
        end

        def closure_scope
          @closure_scope ||= Puppet::Parser::Scope.new
        end

        def loader
          @loader
        end

        def call_function(name, *args, &block)
          Bunraku::Fn.call_out(name.to_s, args, '4x', block)
        end

        class << self
          attr_reader :func_name, :dispatches, :local_type_texts

          def name
            @func_name
          end

          def bunraku_init(func_name)
            @func_name = func_name
            @dispatches = []
            @local_type_texts = []
          end

          def dispatch(method, &block)
            builder = Bunraku::DispatchBuilder.new(method.to_s, false)
            builder.instance_eval(&block) if block
            @dispatches << builder.to_h
          end

          def dispatcher
            @bunraku_dispatcher ||= Bunraku::Dispatcher.new(self)
          end

          def argument_mismatch(method, &block)
            builder = Bunraku::DispatchBuilder.new(method.to_s, true)
            builder.instance_eval(&block) if block
            @dispatches << builder.to_h
          end

          def local_types(&block)
            builder = Bunraku::LocalTypesBuilder.new
            builder.instance_eval(&block)
            @local_type_texts.concat(builder.texts)
          end
        end
      end
    end
  end

  module Functions
    Function = Puppet::Pops::Functions::Function
    class InternalFunction < Function; end

    def self.create_function(func_name, function_base = Function, &block)
      the_class = Class.new(function_base)
      the_class.bunraku_init(func_name.to_s)
      begin
        the_class.class_eval(&block)
      rescue StandardError => e
        raise ArgumentError, "Function Load Error for function '#{func_name}': #{e.message}"
      end
      Bunraku::Fn.defined_4x(the_class)
      the_class
    end
  end

end
`;
