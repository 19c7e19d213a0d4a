"""Output formats. Formatters take results and print; they compute nothing."""
