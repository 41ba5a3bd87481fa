"""Survei Kepuasan Masyarakat: questionnaires, responses, the IKM index. Not built yet."""
