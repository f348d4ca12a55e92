package org.danlu.app.tui.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.danlu.app.console.ImageFilter;
import org.danlu.engine.dataset.DatasetFolder;
import org.danlu.engine.dataset.ImageEntry;
import org.danlu.engine.dataset.Selection;

/**
 * What the user is looking at, shared by the screens: the folder (index 0 is "all folders"), the
 * image filter and order, the selected image, and the images marked for a bulk edit, all kept by
 * path so they survive rescans, edits and resizes. The visible image list is derived from these and
 * the model.
 */
public final class Browse {
    private final DatasetModel model;
    private int folder;
    private ImageFilter filter = ImageFilter.NONE;
    private ImageSort sort = ImageSort.NAME;
    private Path selected;
    private List<ImageEntry> visible = List.of();
    private int selectedIndex = -1;
    /** Marked images in the order they were marked; a bulk edit covers them instead of the visible list. */
    private final java.util.LinkedHashSet<Path> marked = new java.util.LinkedHashSet<>();

    public Browse(DatasetModel model) {
        this.model = model;
        model.onChange(this::refresh);
    }

    /** Folder rows: null first (all folders), then the scan's folders. */
    public List<DatasetFolder> folders() {
        List<DatasetFolder> rows = new ArrayList<>();
        rows.add(null);
        if (model.loaded()) {
            rows.addAll(model.scan().folders());
        }
        return rows;
    }

    public int folderIndex() {
        return folder;
    }

    public void selectFolder(int index) {
        folder = Math.max(0, Math.min(index, folders().size() - 1));
        refresh();
    }

    public DatasetFolder currentFolder() {
        return folders().get(folder);
    }

    public ImageFilter filter() {
        return filter;
    }

    public void setFilter(ImageFilter f) {
        filter = f;
        refresh();
    }

    public ImageSort sort() {
        return sort;
    }

    public void setSort(ImageSort s) {
        sort = s;
        refresh();
    }

    public List<ImageEntry> visible() {
        return visible;
    }

    /** Index of the selected image in the visible list; cached, the list can hold 10,000 images. */
    public int selectedIndex() {
        if (selectedIndex < visible.size() && selectedIndex >= 0 && visible.get(selectedIndex).path().equals(selected)) {
            return selectedIndex;
        }
        selectedIndex = visible.isEmpty() ? -1 : 0;
        for (int i = 0; i < visible.size(); i++) {
            if (visible.get(i).path().equals(selected)) {
                selectedIndex = i;
                break;
            }
        }
        return selectedIndex;
    }

    public ImageEntry selectedImage() {
        int i = selectedIndex();
        return i < 0 ? null : visible.get(i);
    }

    public void selectImage(int index) {
        if (!visible.isEmpty()) {
            selectedIndex = Math.max(0, Math.min(index, visible.size() - 1));
            selected = visible.get(selectedIndex).path();
        }
    }

    /** Selects an image by path, showing all folders and clearing the filter if it is hidden. */
    public void reveal(Path image) {
        selected = image;
        refresh();
        if (visible.stream().noneMatch(e -> e.path().equals(image))) {
            folder = 0;
            filter = ImageFilter.NONE;
            refresh();
        }
    }

    /**
     * The images a bulk edit "on the current selection" covers: the marked images when any are
     * marked (whatever folder or filter shows now), else the visible list.
     */
    public Selection selection() {
        if (!marked.isEmpty()) {
            return Selection.images(List.copyOf(marked));
        }
        return Selection.images(visible.stream().map(ImageEntry::path).toList());
    }

    /** Whether a bulk edit would cover the whole dataset: nothing marked, no folder, no filter. */
    public boolean showsAll() {
        return marked.isEmpty() && folder == 0 && filter.isEmpty();
    }

    public boolean isMarked(ImageEntry e) {
        return marked.contains(e.path());
    }

    public int markedCount() {
        return marked.size();
    }

    /** Marks the selected image, or unmarks it when it is marked. */
    public void toggleMark() {
        ImageEntry e = selectedImage();
        if (e != null && !marked.remove(e.path())) {
            marked.add(e.path());
        }
    }

    /** Marks every visible image, or unmarks them all when every one is marked already. */
    public void toggleMarkVisible() {
        List<Path> paths = visible.stream().map(ImageEntry::path).toList();
        if (marked.containsAll(paths)) {
            paths.forEach(marked::remove);
        } else {
            marked.addAll(paths);
        }
    }

    /** Marks these images (already marked ones stay marked). */
    public void mark(java.util.Collection<Path> images) {
        marked.addAll(images);
    }

    public void clearMarks() {
        marked.clear();
    }

    private void refresh() {
        if (!model.loaded()) {
            visible = List.of();
            return;
        }
        if (folder >= folders().size()) {
            folder = 0;
        }
        if (!marked.isEmpty() && model.reading().isEmpty()) {
            // An image renamed or deleted on disk is no longer marked (its folder renamed, or a rescan).
            Set<Path> present = new java.util.HashSet<>();
            model.scan().folders().forEach(d -> d.images().forEach(e -> present.add(e.path())));
            marked.retainAll(present);
        }
        DatasetFolder f = currentFolder();
        List<ImageEntry> base = f == null ? model.scan().images() : f.images();
        visible = base.stream().filter(filter.predicate(e -> !model.findingsFor(e).isEmpty())).sorted(sort.order()).toList();
        if (selected == null && !visible.isEmpty()) {
            selected = visible.get(0).path();
        }
    }

    /** Paths of every visible image (for tests and counts). */
    public Set<Path> visiblePaths() {
        return Set.copyOf(visible.stream().map(ImageEntry::path).toList());
    }
}
