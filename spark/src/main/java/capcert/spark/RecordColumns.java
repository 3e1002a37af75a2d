package capcert.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Spark columns for a record type, read off its components: one column per component, named as the
 * component, so that a field capcert adds to its certificate record becomes a column without a change
 * here. Strings, numbers, booleans and instants map to their Spark types, {@code Optional} to a nullable
 * column, lists to arrays, nested records to structs, enums and any other type to their text.
 */
final class RecordColumns implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Class<? extends Record> type;
    private final StructType schema;

    RecordColumns(Class<? extends Record> type) {
        this.type = type;
        this.schema = struct(type);
    }

    StructType schema() {
        return schema;
    }

    /** The record as a row of {@link #schema()}. */
    Row row(Record value) {
        if (!type.isInstance(value)) throw new IllegalArgumentException("not a " + type.getName() + ": " + value);
        return toRow(value);
    }

    private static StructType struct(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        StructField[] fields = new StructField[components.length];
        for (int i = 0; i < components.length; i++) {
            fields[i] = DataTypes.createStructField(components[i].getName(), type(components[i].getGenericType()), true);
        }
        return DataTypes.createStructType(fields);
    }

    private static DataType type(Type generic) {
        Class<?> raw = raw(generic);
        if (raw == Optional.class || Collection.class.isAssignableFrom(raw)) {
            Type element = ((ParameterizedType) generic).getActualTypeArguments()[0];
            return raw == Optional.class ? type(element) : DataTypes.createArrayType(type(element), true);
        }
        if (raw == OptionalInt.class) return DataTypes.IntegerType;
        if (raw == OptionalLong.class) return DataTypes.LongType;
        if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class) return DataTypes.IntegerType;
        if (raw == long.class || raw == Long.class) return DataTypes.LongType;
        if (raw == boolean.class || raw == Boolean.class) return DataTypes.BooleanType;
        if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) return DataTypes.DoubleType;
        if (raw == Instant.class) return DataTypes.TimestampType;
        if (raw.isRecord()) return struct(raw);
        return DataTypes.StringType;
    }

    private static Class<?> raw(Type generic) {
        if (generic instanceof Class<?> c) return c;
        if (generic instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        return Object.class;
    }

    private static Row toRow(Object record) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                values[i] = value(components[i].getAccessor().invoke(record), type(components[i].getGenericType()));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + components[i], e);
            }
        }
        return RowFactory.create(values);
    }

    /** {@code value} as Spark takes it for a column of {@code type}: arrays rather than lists, timestamps for instants. */
    private static Object value(Object value, DataType type) {
        if (value instanceof Optional<?> optional) return optional.map(v -> value(v, type)).orElse(null);
        if (value instanceof OptionalInt optional) return optional.isPresent() ? optional.getAsInt() : null;
        if (value instanceof OptionalLong optional) return optional.isPresent() ? optional.getAsLong() : null;
        if (value == null) return null;
        if (type instanceof ArrayType array) {
            return ((Collection<?>) value).stream().map(v -> value(v, array.elementType())).toArray();
        }
        if (type instanceof StructType) return toRow(value);
        if (value instanceof Instant instant) return Timestamp.from(instant);
        if (value instanceof Short s) return s.intValue();
        if (value instanceof Float f) return f.doubleValue();
        if (type == DataTypes.StringType && !(value instanceof String)) return value.toString();
        return value;
    }
}
