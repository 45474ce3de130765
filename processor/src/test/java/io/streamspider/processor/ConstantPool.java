package io.streamspider.processor;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The class and member references in a class file's constant pool (JVMS 4.4). */
final class ConstantPool {
  /** A field or method reference: owner in internal form, member name. */
  record Ref(String owner, String name) {
    @Override
    public String toString() {
      return owner + "." + name;
    }
  }

  final List<String> classes = new ArrayList<>();
  final List<Ref> methods = new ArrayList<>();

  static ConstantPool read(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    Object[] entries = new Object[count];
    int[][] refs = new int[count][];
    int[] tags = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case 1 -> entries[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++; // takes two slots
        }
        case 7, 8, 16, 19, 20 -> refs[i] = new int[] {in.readUnsignedShort()};
        case 9, 10, 11, 12, 17, 18 ->
            refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
        case 15 -> {
          in.readUnsignedByte();
          refs[i] = new int[] {in.readUnsignedShort()};
        }
        default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
      }
    }
    ConstantPool pool = new ConstantPool();
    for (int i = 1; i < count; i++) {
      if (tags[i] == 7) {
        pool.classes.add((String) entries[refs[i][0]]);
      } else if (tags[i] == 10 || tags[i] == 11) {
        String owner = (String) entries[refs[refs[i][0]][0]];
        String name = (String) entries[refs[refs[i][1]][0]];
        pool.methods.add(new Ref(owner, name));
      }
    }
    return pool;
  }
}
