package org.danlu.app.tui.screen.picker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the picker shows: the recent datasets, the folder being browsed and its sub-folders (each
 * with its {@link DatasetLook} once a worker has looked), and one cursor over both sections.
 * GUI thread only; workers reach it through the store.
 */
final class PickerState {
    /** A dataset opened before; {@code exists} and {@code look} are null until a worker has checked. */
    record Recent(Path path, Boolean exists, DatasetLook look) {
    }

    /** A row of the browser; {@code parent} is the ".." row; {@code look} is null until known. */
    record Folder(Path path, boolean parent, DatasetLook look) {
        String name() {
            return parent ? ".." : String.valueOf(path.getFileName());
        }
    }

    enum Section { RECENT, FOLDERS }

    private final List<Recent> recents = new ArrayList<>();
    private final List<Folder> folders = new ArrayList<>();
    private Path dir;
    private DatasetLook dirLook;
    private boolean listing;
    private String listError = "";
    private String selectAfterListing;
    private Section section;
    private int recentIndex;
    private int folderIndex;

    PickerState(List<Path> recent) {
        recent.forEach(p -> recents.add(new Recent(p, null, null)));
        section = recents.isEmpty() ? Section.FOLDERS : Section.RECENT;
    }

    // ---- browsing

    /** A new folder is being listed; {@code select} is the name to put the cursor on when it arrives. */
    void startListing(Path folder, String select) {
        dir = folder;
        dirLook = null;
        listing = true;
        listError = "";
        selectAfterListing = select;
        folders.clear();
        if (folder.getParent() != null) {
            folders.add(new Folder(folder.getParent(), true, null));
        }
        folderIndex = 0;
    }

    void listed(List<Path> subFolders) {
        listing = false;
        subFolders.forEach(p -> folders.add(new Folder(p, false, null)));
        for (int i = 0; i < folders.size(); i++) {
            if (!folders.get(i).parent() && folders.get(i).name().equals(selectAfterListing)) {
                folderIndex = i;
            }
        }
    }

    void listFailed(String why) {
        listing = false;
        listError = why;
    }

    void setLook(int index, DatasetLook look) {
        if (index >= 0 && index < folders.size()) {
            Folder f = folders.get(index);
            folders.set(index, new Folder(f.path(), f.parent(), look));
        }
    }

    void setDirLook(DatasetLook look) {
        dirLook = look;
    }

    void setRecent(int index, boolean exists, DatasetLook look) {
        if (index >= 0 && index < recents.size()) {
            recents.set(index, new Recent(recents.get(index).path(), exists, look));
        }
    }

    // ---- cursor

    /** Moves the one cursor: down from the last recent dataset lands on the first folder, and back up. */
    void move(int delta) {
        int total = recents.size() + folders.size();
        if (total == 0) {
            return;
        }
        int at = section == Section.RECENT ? recentIndex : recents.size() + folderIndex;
        int to = (int) Math.max(0, Math.min(total - 1, (long) at + delta));
        if (to < recents.size()) {
            section = Section.RECENT;
            recentIndex = to;
        } else {
            section = Section.FOLDERS;
            folderIndex = to - recents.size();
        }
    }

    /** Jumps between the recent list and the browser. */
    void otherSection() {
        if (section == Section.RECENT) {
            section = Section.FOLDERS;
        } else if (!recents.isEmpty()) {
            section = Section.RECENT;
        }
    }

    Recent selectedRecent() {
        return section == Section.RECENT && recentIndex < recents.size() ? recents.get(recentIndex) : null;
    }

    Folder selectedFolder() {
        return section == Section.FOLDERS && folderIndex < folders.size() ? folders.get(folderIndex) : null;
    }

    // ---- reading

    List<Recent> recents() {
        return java.util.Collections.unmodifiableList(recents);
    }

    List<Folder> folders() {
        return java.util.Collections.unmodifiableList(folders);
    }

    Path dir() {
        return dir;
    }

    DatasetLook dirLook() {
        return dirLook;
    }

    boolean listing() {
        return listing;
    }

    String listError() {
        return listError;
    }

    Section section() {
        return section;
    }

    int recentIndex() {
        return recentIndex;
    }

    int folderIndex() {
        return folderIndex;
    }

    /** Sub-folders (not the ".." row) and how many of them look like datasets. */
    int folderCount() {
        return (int) folders.stream().filter(f -> !f.parent()).count();
    }

    int datasetCount() {
        return (int) folders.stream().filter(f -> !f.parent() && f.look() != null && f.look().isDataset()).count();
    }
}
