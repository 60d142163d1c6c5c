"""Site phase: routes, pages, rendering, assets, downloads and writing the output."""
