# Two commands do all the set-up on Debian 12 (see README.md):
#   make run    install what is missing, build, and start Support Plans
#   make test   install what is missing, build, and run every test
.PHONY: run test setup clean

run:
	@scripts/dev run

test:
	@scripts/dev test

setup:
	@scripts/dev setup

clean:
	rm -rf build build-asan build-fuzz
