package io.streamspider.host.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project's {@code external.json} (protocol draft, section "External Spiders"): an array of
 * {@code {"name", "command", "args"?}} objects.
 */
public final class ExternalSpiders {
  /** One entry: the spider's name and the command that starts it. */
  public record Entry(String name, String command, List<String> args) {
    public List<String> commandLine() {
      List<String> all = new ArrayList<>();
      all.add(command);
      all.addAll(args);
      return all;
    }
  }

  /** An unreadable or invalid file; the message names the file and what is wrong where. */
  public static final class InvalidFileException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidFileException(String message) {
      super(message);
    }
  }

  private final Map<String, Entry> spiders;

  private ExternalSpiders(Map<String, Entry> spiders) {
    this.spiders = spiders;
  }

  /** Reads {@code dir/external.json}. */
  public static ExternalSpiders read(Path dir) throws InvalidFileException {
    Path file = dir.resolve("external.json").toAbsolutePath();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new InvalidFileException(
          "Could not find " + file + " (run in the project's directory or give --project DIR)");
    } catch (JsonProcessingException e) {
      throw new InvalidFileException(
          file
              + " is not valid JSON: "
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new InvalidFileException("Could not read " + file + ": " + e.getMessage());
    }
    if (root == null || !root.isArray()) {
      throw new InvalidFileException(
          file + ": external spiders must be defined as a JSON array of objects");
    }
    Map<String, Entry> spiders = new LinkedHashMap<>();
    int index = 0;
    for (JsonNode item : root) {
      String where = file + ": entry " + index++;
      if (!item.isObject()) {
        throw new InvalidFileException(where + " is not an object");
      }
      for (Iterator<String> it = item.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!f.equals("name") && !f.equals("command") && !f.equals("args")) {
          throw new InvalidFileException(where + " has an unknown field \"" + f + "\"");
        }
      }
      String name = requiredText(item, "name", where);
      String command = requiredText(item, "command", where);
      List<String> args = new ArrayList<>();
      JsonNode a = item.get("args");
      if (a != null && !a.isNull()) {
        if (!a.isArray()) {
          throw new InvalidFileException(
              where + " (" + name + "): 'args' must be defined as an array of strings");
        }
        for (JsonNode x : a) {
          if (!x.isTextual()) {
            throw new InvalidFileException(
                where + " (" + name + "): 'args' must be defined as an array of strings");
          }
          args.add(x.textValue());
        }
      }
      if (spiders.containsKey(name)) {
        throw new InvalidFileException(where + ": the name \"" + name + "\" is used twice");
      }
      spiders.put(name, new Entry(name, command, List.copyOf(args)));
    }
    return new ExternalSpiders(spiders);
  }

  private static String requiredText(JsonNode item, String field, String where)
      throws InvalidFileException {
    JsonNode v = item.get(field);
    if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
      throw new InvalidFileException(where + ": \"" + field + "\" must be a non-empty string");
    }
    return v.textValue();
  }

  /** The names, sorted as {@code scrapy list} prints them. */
  public List<String> names() {
    return spiders.keySet().stream().sorted().toList();
  }

  /** The entry called {@code name}, or null. */
  public Entry get(String name) {
    return spiders.get(name);
  }
}
