#include "cli/demo_chain.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "cli/subprocess.hpp"

namespace tlsock::cli {

namespace {

void openssl(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {"openssl"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string output;
  int status = run_command(argv, &output);
  if (status != 0) {
    throw std::runtime_error("openssl " + args.at(0) + " failed (status " +
                             std::to_string(status) + "): " + output);
  }
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path);
}

void new_key(const std::string& path) {
  openssl({"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path});
}

void self_signed_ca(const std::string& dir, const std::string& name, const std::string& cn) {
  new_key(dir + "/" + name + ".key");
  openssl({"req", "-x509", "-new", "-key", dir + "/" + name + ".key", "-subj", "/CN=" + cn,
           "-days", "2", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
           "keyUsage=critical,keyCertSign,cRLSign", "-out", dir + "/" + name + ".pem"});
}

// A certificate for `name`'s key, signed by `issuer`, with the extensions in `extensions`.
void issued(const std::string& dir, const std::string& name, const std::string& cn,
            const std::string& issuer, const std::string& serial, const std::string& extensions) {
  new_key(dir + "/" + name + ".key");
  write_file(dir + "/" + name + ".ext", extensions);
  openssl({"req", "-new", "-key", dir + "/" + name + ".key", "-subj", "/CN=" + cn, "-out",
           dir + "/" + name + ".csr"});
  openssl({"x509", "-req", "-in", dir + "/" + name + ".csr", "-CA", dir + "/" + issuer + ".pem",
           "-CAkey", dir + "/" + issuer + ".key", "-set_serial", serial,
           "-days", "2", "-extfile", dir + "/" + name + ".ext", "-out", dir + "/" + name + ".pem"});
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

DemoChain make_demo_chain() {
  std::string pattern = (std::filesystem::temp_directory_path() / "tlsock-demo-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  DemoChain c;
  c.dir = pattern;
  try {
    self_signed_ca(c.dir, "root", "tlsock demo root CA");
    self_signed_ca(c.dir, "other-root", "tlsock demo unrelated root CA");
    issued(c.dir, "intermediate", "tlsock demo intermediate CA", "root", "1",
           "basicConstraints=critical,CA:TRUE,pathlen:0\n"
           "keyUsage=critical,keyCertSign,cRLSign\n");
    issued(c.dir, "leaf", "localhost", "intermediate", "2",
           "basicConstraints=critical,CA:FALSE\n"
           "keyUsage=critical,digitalSignature\n"
           "extendedKeyUsage=serverAuth,clientAuth\n"
           "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    c.root = c.dir + "/root.pem";
    c.other_root = c.dir + "/other-root.pem";
    c.leaf_key = c.dir + "/leaf.key";
    c.leaf = c.dir + "/leaf.pem";
    c.intermediate = c.dir + "/intermediate.pem";
    c.chain = c.dir + "/chain.pem";
    write_file(c.chain, read_file(c.leaf) + read_file(c.intermediate));
  } catch (...) {
    remove_demo_chain(c);
    throw;
  }
  return c;
}

void remove_demo_chain(const DemoChain& chain) {
  std::error_code ec;
  if (!chain.dir.empty()) std::filesystem::remove_all(chain.dir, ec);
}

}  // namespace tlsock::cli
