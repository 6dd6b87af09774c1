package dev.concert.web.api;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.function.Function;

/**
 * JSON-B for request bodies without its lenient guesses: a whole-number field takes only a JSON number
 * that is whole and fits (JSON-B would cut 1.5 to 1, wrap 99999999999999999999 and read "7" as 7), and
 * a boolean field takes only true or false (JSON-B reads any string as false), a text field only a
 * JSON string (JSON-B would store the number 12 as "12"), a decimal field only a JSON number (JSON-B
 * reads the string "12" as 12), and a field the request class does not have is refused rather than skipped. Anything else is a
 * malformed body: 400 VALIDATION_FAILED, nothing changed.
 */
@Provider
public class StrictJson implements ContextResolver<Jsonb> {

    private final Jsonb jsonb = JsonbBuilder.create(config());

    static JsonbConfig config() {
        return new JsonbConfig().withDeserializers(new WholeInt(), new WholeLong(), new StrictDecimal(), new StrictBoolean(),
                        new StrictString())
                // an unknown field is refused, not skipped: Yasson 3 / Parsson 1.1 loop forever skipping the value
                // of an unknown field that is cut off ({"x":{ ), found by RequestParsingFuzzTest
                .setProperty("jsonb.fail-on-unknown-properties", true);
    }

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }

    /**
     * The whole number at the parser as {@code exact} makes it (null for JSON null: a missing value is
     * Bean Validation's to refuse); a fraction, a non-number or a number that does not fit is refused.
     */
    private static <T> T whole(JsonParser parser, Function<BigInteger, T> exact) {
        BigInteger number = strictly(parser, "a whole number",
                value -> value instanceof JsonNumber json && json.isIntegral() ? json.bigIntegerValueExact() : null);
        try {
            return number == null ? null : exact.apply(number);
        } catch (ArithmeticException tooLarge) {
            throw new JsonbException("the number is too large");
        }
    }

    static final class WholeInt implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, BigInteger::intValueExact);
        }
    }

    static final class WholeLong implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return whole(parser, BigInteger::longValueExact);
        }
    }

    /**
     * The value at the parser as {@code read} makes it, null for JSON null (a missing value is Bean
     * Validation's to refuse); {@code read} answers null for a value of another kind, which is refused.
     */
    private static <T> T strictly(JsonParser parser, String expected, Function<JsonValue, T> read) {
        JsonValue value = parser.getValue();
        if (value == JsonValue.NULL) {
            return null;
        }
        T result = read.apply(value);
        if (result == null) {
            throw new JsonbException(expected + " was expected");
        }
        return result;
    }

    /** A number kept exactly as written (the resources refuse fractions and ranges themselves); not a string. */
    static final class StrictDecimal implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return strictly(parser, "a number", value -> value instanceof JsonNumber number ? number.bigDecimalValue() : null);
        }
    }

    static final class StrictBoolean implements JsonbDeserializer<Boolean> {
        @Override
        public Boolean deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return strictly(parser, "true or false",
                    value -> value == JsonValue.TRUE ? Boolean.TRUE : value == JsonValue.FALSE ? Boolean.FALSE : null);
        }
    }

    static final class StrictString implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            return strictly(parser, "a string", value -> value instanceof JsonString text ? text.getString() : null);
        }
    }
}
