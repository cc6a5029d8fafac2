"""The meetings service: branch meetings (sinh hoạt chi bộ), attendance, resolutions, compliance."""
