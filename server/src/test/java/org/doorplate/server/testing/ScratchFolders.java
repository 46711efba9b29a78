package org.doorplate.server.testing;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removes the scratch folders that tests give to browsers, databases and servers. */
public final class ScratchFolders {
    private ScratchFolders() {
    }

    /**
     * Deletes {@code folder} and what it holds, as far as it can. A program that has just been
     * stopped may still be writing there (Chromium's helper processes outlive its main process
     * by a moment): a file that vanishes or appears during the walk is not an error, and what
     * is left behind in the temp folder does no harm, so nothing is thrown.
     */
    public static void delete(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    try {
                        Files.deleteIfExists(dir);
                    } catch (DirectoryNotEmptyException late) {
                        // Written to after the walk passed; left to the temp folder.
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("scratch folder " + folder + " not removed: " + e.getMessage());
        }
    }
}
