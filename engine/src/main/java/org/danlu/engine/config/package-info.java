/**
 * The typed training configuration ({@link org.danlu.engine.config.TrainConfig}) with kohya
 * sd-scripts' option names and defaults; reading and writing kohya's {@code --config_file} TOML
 * (flat or sectioned) and {@code --dataset_config} TOML; importing kohya_ss GUI JSON; built-in
 * presets; validation with file:line:column positions.
 *
 * <p>Owns: the key catalogue ({@link org.danlu.engine.config.ConfigKeys}), TOML text patching
 * that keeps the user's comments and layout. Must not import: {@code ai.djl}, Lanterna, JLine, the
 * dataset package (folder subsets come in as {@link org.danlu.engine.config.FolderSubset} records).
 */
package org.danlu.engine.config;
