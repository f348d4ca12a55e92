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
 * image filter and order, and the selected image, kept by path so it survives rescans, edits and
 * resizes. The visible image list is derived from these and the model.
 */
public final class Browse {
    private final DatasetModel model;
    private int folder;
    private ImageFilter filter = ImageFilter.NONE;
    private ImageSort sort = ImageSort.NAME;
    private Path selected;
    private List<ImageEntry> visible = List.of();
    private int selectedIndex = -1;

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

    /** The images a bulk edit "on the current selection" covers: the visible list. */
    public Selection selection() {
        return Selection.images(visible.stream().map(ImageEntry::path).toList());
    }

    /** Whether the visible list is the whole dataset (no folder, no filter). */
    public boolean showsAll() {
        return folder == 0 && filter.isEmpty();
    }

    private void refresh() {
        if (!model.loaded()) {
            visible = List.of();
            return;
        }
        if (folder >= folders().size()) {
            folder = 0;
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
