# The wheel carries libunilance.so, so it must be tagged for this platform,
# not "any": claiming an extension module makes bdist_wheel do that.
from setuptools import setup
from setuptools.dist import Distribution


class BinaryDistribution(Distribution):
    def has_ext_modules(self):
        return True


setup(distclass=BinaryDistribution)
