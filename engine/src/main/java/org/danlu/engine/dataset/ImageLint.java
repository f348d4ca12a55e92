package org.danlu.engine.dataset;

import java.util.ArrayList;
import java.util.List;

/** The findings about one scanned image and its caption that need nothing but the entry itself. */
final class ImageLint {

    private ImageLint() {
    }

    static List<Finding> check(ImageEntry e, CaptionExtension ext, boolean otherExtensionExists, ScanOptions opt) {
        List<Finding> out = new ArrayList<>();
        String name = e.fileName();
        if (!ImageFormat.kohyaMatchesCase(name)) {
            out.add(Finding.warning("mixed-case-extension", e.path(), "kohya on Linux skips the extension ."
                    + ImageFormat.extension(name) + " (it matches only all-lower or all-upper case)",
                    "rename it to ." + ImageFormat.extension(name).toLowerCase(java.util.Locale.ROOT)));
        }
        if (e.orientation() != 1) {
            out.add(Finding.info("exif-rotated", e.path(), "EXIF orientation " + e.orientation()
                    + ": Danlu trains it upright (" + e.width() + "x" + e.height() + "), kohya as stored ("
                    + e.storedWidth() + "x" + e.storedHeight() + ")",
                    "re-save it upright to train the same in both"));
        }
        int shortSide = Math.min(e.width(), e.height());
        int longSide = Math.max(e.width(), e.height());
        if (shortSide < opt.minSide()) {
            out.add(Finding.warning("too-small", e.path(), "only " + e.width() + "x" + e.height()
                    + " pixels (shorter side below " + opt.minSide() + "): it will be upscaled and blurry",
                    "replace it with a larger image or remove it"));
        }
        if ((double) longSide / shortSide > opt.maxAspect()) {
            out.add(Finding.warning("extreme-aspect", e.path(), String.format(java.util.Locale.ROOT,
                    "aspect ratio %.1f:1 (%dx%d) fits no bucket well", (double) longSide / shortSide,
                    e.width(), e.height()), "crop it closer to square"));
        }
        CaptionFile c = e.caption();
        if (c == null) {
            if (otherExtensionExists) {
                out.add(Finding.warning("caption-other-extension", e.path(), "its caption exists only as "
                        + FolderListing.stem(name) + ext.other() + "; with caption_extension " + ext.extension()
                        + " kohya trains it with the folder's class tokens only",
                        "rename the caption to " + ext.extension() + " or set " + ext.other().substring(1)
                                + " as the caption extension"));
            } else {
                out.add(Finding.warning("no-caption", e.path(), "no caption file " + e.captionPath().getFileName()
                        + "; kohya trains it with the folder's class tokens", "write a caption file"));
            }
            return out;
        }
        if (c.zeroBytes()) {
            out.add(Finding.error("zero-byte-caption", c.path(), "the caption file is empty (0 bytes); kohya stops"
                    + " with \"caption file is empty\"", "write the tags into it or delete it"));
        } else if (!c.validUtf8()) {
            out.add(Finding.error("caption-not-utf8", c.path(), "the caption is not valid UTF-8 (GBK or Latin-1?);"
                    + " kohya stops with a decode error", "re-save it as UTF-8, e.g. iconv -f GBK -t UTF-8"));
        } else if (c.text().isEmpty()) {
            out.add(Finding.warning("empty-caption", c.path(), "the caption is blank; kohya trains with an empty"
                    + " caption", "write the tags into it"));
        }
        if (c.hasBom() && c.validUtf8()) {
            out.add(Finding.warning("caption-bom", c.path(), "the caption starts with a UTF-8 BOM; kohya keeps it"
                    + " as an invisible character in the first tag", "re-save it as UTF-8 without BOM"));
        }
        if (c.multiLine()) {
            out.add(Finding.warning("multi-line-caption", c.path(), "the caption has more than one line; kohya"
                    + " uses only the first (unless enable_wildcard)", "join the lines with commas"));
        }
        return out;
    }
}
