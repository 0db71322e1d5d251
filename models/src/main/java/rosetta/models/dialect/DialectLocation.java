package rosetta.models.dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where a dialect's JSON lives, and where the dialect it {@code extends} lives. */
sealed interface DialectLocation {

    /** How messages name this location, e.g. {@code dialect file /tmp/my.json}. */
    String describe();

    /** A short name for an {@code extends} chain in a message. */
    String label();

    /** The JSON text; an unreadable location is a {@link DialectException}. */
    String read();

    /** The location {@code extends parent} points to, or null when there is none. */
    DialectLocation resolve(String parent);

    /** A dialect shipped in the jar as {@code dialects/<name>.json}; it extends only built-ins. */
    record BuiltIn(String name) implements DialectLocation {
        @Override
        public String describe() {
            return "built-in dialect " + resource();
        }

        @Override
        public String label() {
            return name;
        }

        @Override
        public String read() {
            try (InputStream in = Dialect.class.getResourceAsStream("/" + resource())) {
                if (in == null) {
                    throw new DialectException(describe() + " is missing from the class path; rebuild the models module");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new DialectException("cannot read " + describe() + ": " + e.getMessage(), e);
            }
        }

        @Override
        public DialectLocation resolve(String parent) {
            return BuiltInDialects.names().contains(parent) ? new BuiltIn(parent) : null;
        }

        String resource() {
            return "dialects/" + name + ".json";
        }
    }

    /** A user's file; it may extend a file beside it ({@code <name>.json}) or a built-in dialect. */
    record File(Path path) implements DialectLocation {
        public File {
            path = path.toAbsolutePath().normalize();
        }

        @Override
        public String describe() {
            return "dialect file " + path;
        }

        @Override
        public String label() {
            return path.getFileName().toString();
        }

        @Override
        public String read() {
            try {
                return Files.readString(path, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new DialectException("cannot read " + describe() + ": no such file; check the path", e);
            } catch (AccessDeniedException e) {
                throw new DialectException("cannot read " + describe() + ": permission denied", e);
            } catch (CharacterCodingException e) {
                throw new DialectException("cannot read " + describe() + ": it is not UTF-8 text", e);
            } catch (IOException e) {
                String reason = Files.isDirectory(path) ? "it is a directory" : String.valueOf(e.getMessage());
                throw new DialectException("cannot read " + describe() + ": " + reason, e);
            }
        }

        @Override
        public DialectLocation resolve(String parent) {
            Path sibling = path.resolveSibling(parent + ".json");
            if (Files.isRegularFile(sibling)) {
                return new File(sibling);
            }
            return BuiltInDialects.names().contains(parent) ? new BuiltIn(parent) : null;
        }
    }
}
