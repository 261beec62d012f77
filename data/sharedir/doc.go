// Package sharedir opens a folder to every user of the PC: on Windows the machine-wide data folder
// under ProgramData is shared by every Windows account of the desk PC (the store's own accounts decide
// who may do what); elsewhere it does nothing.
package sharedir
