package org.atelier.core.report;

import com.google.gson.FieldNamingPolicy;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.ToNumberPolicy;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Instant;

/**
 * The JSON dialect of run files ({@code summary.json} and whatever {@link RunDirectory#json}
 * writes): pretty-printed, snake_case field names, NaN and infinities kept, integral numbers read
 * back as {@code Long}, instants as ISO-8601 text.
 */
final class Json {

    static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .setFieldNamingPolicy(FieldNamingPolicy.LOWER_CASE_WITH_UNDERSCORES)
            // A diverged run records NaN losses; they are kept rather than failing the file.
            .serializeSpecialFloatingPointValues()
            // Integral values read back as Long instead of Double.
            .setObjectToNumberStrategy(ToNumberPolicy.LONG_OR_DOUBLE)
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .create();

    private Json() {}

    /** ISO-8601 instants, e.g. {@code 2026-11-22T23:05:00.123Z}. */
    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            return Instant.parse(in.nextString());
        }
    }
}
